// Console-side helpers of the JSON API. Every response, request body and enumeration the console reads is
// imported from the server module's *.schema.ts (`export type X = Static<typeof X>`), never copied here, so a
// change of a response breaks the console's typecheck instead of its pages. Times are ISO-8601 UTC strings,
// shown in Asia/Shanghai (time.ts).

/** Every list route answers `{ items }`. */
export type Items<T> = { items: T[] };
