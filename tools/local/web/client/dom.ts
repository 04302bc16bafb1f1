type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | EventListener>;

/**
 * Builds an element. Text always goes in as text nodes and attributes through setAttribute, never as HTML:
 * log records carry whatever a client sent (user agents, paths), and none of it may become markup.
 */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
};

export const append = (parent: Node, ...children: Child[]): void => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
};

export const clear = (element: Element): void => element.replaceChildren();

let counter = 0;
/** A page-unique id for aria-labelledby and label/for pairs. */
export const uniqueId = (prefix: string): string => `${prefix}-${++counter}`;

/** The reader's own date format; a browser whose default locale Intl rejects gets ISO-like English. */
const formatter = (options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  try {
    return new Intl.DateTimeFormat(undefined, options);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options);
  }
};
const clock = formatter({ hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const full = formatter({
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export const clockTime = (ms: number): string => clock.format(ms);
export const dateTime = (ms: number): string => full.format(ms);

/** A number as a person reads it: at most 3 decimals, no trailing zeros. */
export const formatNumber = (value: number): string =>
  Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
