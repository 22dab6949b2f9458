// UI primitives shared by the web app and the console. Their classes are styled by each app's
// stylesheet, so each app keeps its own look (blue customer app, dark console).
export * from './alert';
export * from './button';
export * from './card';
export * from './spinner';
export * from './text-field';
