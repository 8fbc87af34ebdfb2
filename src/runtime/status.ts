/**
 * HTTP statuses as literal types, so that `if (error.status === 404)` narrows an operation's error
 * union to the 404 member. Generated `…Error` types are written with these.
 */
type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;
type StatusIn<H extends 3 | 4 | 5> = ToNumber<`${H}${Digit}${Digit}`>;

/** 300–399. */
export type RedirectStatus = StatusIn<3>;
/** 400–499. */
export type ClientErrorStatus = StatusIn<4>;
/** 500–599. */
export type ServerErrorStatus = StatusIn<5>;
/** Every status an `ApiError` can have. */
export type ErrorStatus = RedirectStatus | ClientErrorStatus | ServerErrorStatus;
