// A small translation runtime with the part of i18next's API the two apps use: namespaces loaded
// per language on demand, `t(key, values)` with `{{name}}` interpolation, `ns`/`lng`/`defaultValue`
// options, `ns:key` keys, a fallback language, `changeLanguage` and the 'languageChanged' event.
//
// Why not i18next itself: with react-i18next it is about 17 kB of gzipped JavaScript on every first
// visit, more than an eighth of the customer app's log-in route (goal: under 120 kB, issue 18);
// this runtime is under 2 kB. The types still come from i18next and react-i18next (typed keys
// against the Japanese catalogues), so application code is written exactly as for i18next. What it
// does not do (plurals by `count`, formatters, nesting, context) the catalogues do not use; the
// key test of each app keeps it that way.

type Bundle = Record<string, unknown>;
type Listener = (language: string) => void;

/** Fetches one namespace of one language (a dynamic import of a JSON catalogue). */
export type NamespaceLoader = (language: string, namespace: string) => Promise<Bundle>;

export type LiteI18nOptions = {
  lng: string;
  /** The namespace `t` uses when none is named; the first of `ns`. */
  defaultNS: string;
  /** Namespaces known to the app; `ns:key` keys are split only on these. */
  ns: readonly string[];
  /** Every catalogue up front (tests), or … */
  resources?: Record<string, Record<string, Bundle>>;
  /** … a loader that fetches them when first needed (the apps). */
  load?: NamespaceLoader;
  /** Looked up when a key is missing in the current language (tests: Japanese). */
  fallbackLng?: string | false;
};

export type TranslateOptions = Record<string, unknown> & {
  ns?: string | readonly string[];
  lng?: string;
  defaultValue?: string;
};

export type FixedT = (key: string | readonly string[], options?: TranslateOptions) => string;

const INTERPOLATION = /\{\{\s*([\w.]+)\s*\}\}/g;

export class LiteI18n {
  language: string;
  resolvedLanguage: string;
  readonly options: { defaultNS: string; ns: readonly string[]; fallbackLng: string | false };
  isInitialized = false;

  private readonly store = new Map<string, Map<string, Bundle>>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly listeners = new Set<Listener>();
  private readonly fixed = new Map<string, FixedT>();
  private readonly load?: NamespaceLoader;

  constructor(options: LiteI18nOptions) {
    this.language = options.lng;
    this.resolvedLanguage = options.lng;
    this.options = {
      defaultNS: options.defaultNS,
      ns: options.ns,
      fallbackLng: options.fallbackLng ?? false,
    };
    this.load = options.load;
    for (const [language, bundles] of Object.entries(options.resources ?? {}))
      for (const [namespace, bundle] of Object.entries(bundles))
        this.addResourceBundle(language, namespace, bundle);
  }

  get languages(): string[] {
    const { fallbackLng } = this.options;
    return fallbackLng && fallbackLng !== this.language ? [this.language, fallbackLng] : [this.language];
  }

  /** Resolves once the given start-up namespaces of the current language are here. */
  async init(startupNamespaces: readonly string[]): Promise<void> {
    await this.loadNamespaces(startupNamespaces);
    this.isInitialized = true;
  }

  addResourceBundle(language: string, namespace: string, bundle: Bundle): void {
    let bundles = this.store.get(language);
    if (!bundles) this.store.set(language, (bundles = new Map()));
    bundles.set(namespace, { ...bundles.get(namespace), ...bundle });
  }

  hasLoadedNamespace(namespace: string, language = this.language): boolean {
    // Without a loader everything there is was given up front.
    return !this.load || Boolean(this.store.get(language)?.has(namespace));
  }

  /**
   * Fetches what is missing of the namespaces in `language`. The same promise is returned while a
   * fetch is under way (React's `use` needs that). A catalogue that fails to load counts as empty,
   * so the page shows keys instead of suspending for ever.
   */
  loadNamespaces(namespaces: string | readonly string[], language = this.language): Promise<void> {
    const load = this.load;
    const missing = (typeof namespaces === 'string' ? [namespaces] : namespaces).filter(
      (namespace) => !this.hasLoadedNamespace(namespace, language),
    );
    if (!load || missing.length === 0) return Promise.resolve();
    const id = `${language}|${missing.join(',')}`;
    let promise = this.pending.get(id);
    if (!promise) {
      promise = Promise.all(
        missing.map((namespace) =>
          load(language, namespace).then(
            (bundle) => this.addResourceBundle(language, namespace, bundle),
            () => this.addResourceBundle(language, namespace, {}),
          ),
        ),
      ).then(() => {
        this.pending.delete(id);
      });
      this.pending.set(id, promise);
    }
    return promise;
  }

  /** Fetches the other language's catalogues of what is on screen first, then switches. */
  async changeLanguage(language: string): Promise<FixedT> {
    const shown = [...(this.store.get(this.language)?.keys() ?? [])];
    await this.loadNamespaces(shown, language);
    if (language !== this.language) {
      this.language = language;
      this.resolvedLanguage = language;
      for (const listener of [...this.listeners]) listener(language);
    }
    return this.t;
  }

  on(event: 'languageChanged', listener: Listener): this {
    if (event === 'languageChanged') this.listeners.add(listener);
    return this;
  }

  off(event: 'languageChanged', listener: Listener): this {
    if (event === 'languageChanged') this.listeners.delete(listener);
    return this;
  }

  /** For useSyncExternalStore: calls back on every language change. */
  readonly subscribe = (callback: () => void): (() => void) => {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  };

  /** `t` bound to a language (null: whichever is current when called) and namespaces. */
  getFixedT(language: string | null, namespaces?: string | readonly string[]): FixedT {
    const list =
      namespaces === undefined
        ? [this.options.defaultNS]
        : typeof namespaces === 'string'
          ? [namespaces]
          : namespaces;
    const id = `${language ?? ''}|${list.join(',')}`;
    let t = this.fixed.get(id);
    if (!t) {
      t = (key, options) =>
        this.translate(key, { ns: list, ...options, lng: options?.lng ?? language ?? this.language });
      this.fixed.set(id, t);
    }
    return t;
  }

  readonly t: FixedT = (key, options) => this.translate(key, options);

  exists(key: string, options?: TranslateOptions): boolean {
    return this.lookup(key, options) !== undefined;
  }

  private translate(keys: string | readonly string[], options: TranslateOptions = {}): string {
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const value = this.lookup(key, options);
      if (value !== undefined) return interpolate(value, options);
    }
    if (options.defaultValue !== undefined) return interpolate(options.defaultValue, options);
    const last = typeof keys === 'string' ? keys : keys[keys.length - 1];
    return this.split(last, options).key;
  }

  private split(key: string, options: TranslateOptions): { namespaces: readonly string[]; key: string } {
    const named =
      options.ns === undefined
        ? [this.options.defaultNS]
        : typeof options.ns === 'string'
          ? [options.ns]
          : options.ns;
    const colon = key.indexOf(':');
    if (colon > 0) {
      const namespace = key.slice(0, colon);
      if (this.options.ns.includes(namespace) || named.includes(namespace))
        return { namespaces: [namespace], key: key.slice(colon + 1) };
    }
    return { namespaces: named, key };
  }

  private lookup(fullKey: string, options: TranslateOptions = {}): string | undefined {
    const { namespaces, key } = this.split(fullKey, options);
    const language = options.lng ?? this.language;
    const { fallbackLng } = this.options;
    const languages = fallbackLng && fallbackLng !== language ? [language, fallbackLng] : [language];
    const path = key.split('.');
    for (const lng of languages)
      for (const namespace of namespaces) {
        let node: unknown = this.store.get(lng)?.get(namespace);
        for (const part of path) node = node && typeof node === 'object' ? (node as Bundle)[part] : undefined;
        // Like i18next with returnEmptyString: false, an empty string counts as missing.
        if (typeof node === 'string' && node !== '') return node;
      }
    return undefined;
  }
}

function interpolate(value: string, values: TranslateOptions): string {
  // Missing values keep their placeholder (i18next's default); React escapes what is inserted.
  return value.replace(INTERPOLATION, (match, name: string) => {
    const replacement = values[name];
    return replacement === undefined || replacement === null ? match : String(replacement);
  });
}
