/** A Looker filter expression that cannot be read for the field's type. */
export class FilterSyntaxError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`Invalid filter expression "${expression}": ${reason}`);
    this.name = 'FilterSyntaxError';
  }
}
