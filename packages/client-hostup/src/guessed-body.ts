// Answers whose body specs/hostup.yaml only guesses (`x-dbusers-unverified`: the password change, the
// grant, the revoke). A 2xx means HostUp did what was asked, whatever came with it, so such a body is
// fetched as text (`parseAs: "text"`: a body that is not JSON cannot fail the request) and read here,
// where what cannot be read is `undefined`, never an error.
import { ResponseShapeError } from "@dbusers/core/adapter";

/** `read` (which checks shapes with the `expect*` helpers) applied to a guessed body, or `undefined`. */
export function readGuessed<T, R>(read: (data: T) => R): (text: string | undefined) => R | undefined {
  return (text) => {
    // A 204, or an empty 200.
    if (typeof text !== "string" || text === "") return undefined;
    try {
      return read(JSON.parse(text) as T);
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof ResponseShapeError) return undefined;
      throw error;
    }
  };
}
