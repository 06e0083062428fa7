import { inspect } from 'node:util';

const redacted = '[redacted]';

/**
 * A credential that cannot leak by accident: printing, logging, JSON-serialising or inspecting it
 * yields `[redacted]`. Only `reveal()` gives the value, at the one place that sends it to Looker.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The raw value. Call it only where the value leaves for its rightful recipient. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return redacted;
  }

  toJSON(): string {
    return redacted;
  }

  [inspect.custom](): string {
    return redacted;
  }
}
