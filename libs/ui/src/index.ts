// The component layer shared by the web app and the console: accessible form controls, dialog,
// data table, badges and empty states. Their classes are styled by the shared stylesheet
// (libs/app-shell/src/styles), whose tokens each app may override.
export * from './alert';
export * from './badge';
export * from './button';
export * from './card';
export * from './checkbox';
export * from './data-table';
export * from './date-fields';
export * from './dialog';
export * from './empty-state';
export * from './field';
export * from './radio-group';
export * from './select';
export * from './spinner';
export * from './text-field';
export * from './textarea';
