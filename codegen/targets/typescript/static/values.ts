// The values and types the generated calls share: JSON values, exclusive unions of
// objects, and the channel of properties outside the plan.

/** Any JSON value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue };

/** The keys of each member of the union `T`. */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** A union of objects in which each member refuses the keys of the others (a plan's
 * anyOf or oneOf of objects): `{ email, phone }` is not an `{ email } | { phone }`. */
export type ExclusiveUnion<T, K extends PropertyKey = KeysOf<T>> = T extends unknown
  ? T & { readonly [P in Exclude<K, keyof T>]?: never }
  : never;

/**
 * The option of a call whose plan allows properties outside it (`additionalProperties:
 * true`): they go here, so that the properties object stays closed and a misspelled
 * key is a type error, as in Python (`extra_properties=`).
 */
export interface ExtraProperties {
  readonly extraProperties?: { readonly [key: string]: JsonValue };
}

/** @internal The payload with the extra properties under it (the plan's own keys win),
 * and the options without them. */
export function withExtras<O extends object | undefined>(payload: object, options: O): [object, O] {
  if (options === undefined || !("extraProperties" in (options as object))) return [payload, options];
  const { extraProperties, ...rest } = options as NonNullable<O> & ExtraProperties;
  return [{ ...extraProperties, ...payload }, rest as O];
}
