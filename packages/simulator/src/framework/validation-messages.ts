// Validator (Ajv) errors turned into the messages the simulator answers and records: field names as a
// client developer writes them (`body.settings.acl[0].topic`), not JSON pointers.

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/requestBody/settings/acl/0/topic` → `body.settings.acl[0].topic`, `/path/x` → `path parameter x`, etc. */
function fieldName(instancePath: string): string {
  const parts = instancePath.split("/").slice(1).map(decodePointer);
  const [root, ...rest] = parts;
  const tail = rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("");
  switch (root) {
    case undefined:
      return "request";
    case "requestBody":
      return `body${tail}`;
    case "path":
    case "query":
    case "headers":
      return `${rest.join(".")} (${root === "headers" ? "header" : `${root} parameter`})`;
    default:
      return `${root}${tail}`;
  }
}

function decodePointer(part: string): string {
  return part.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function requestErrorMessage(errors: AjvError[]): string {
  const messages = errors
    .filter((e) => !["allOf", "anyOf", "oneOf", "if"].includes(e.keyword))
    .map((e) => {
      if (e.keyword === "required" && e.instancePath === "" && e.params.missingProperty === "requestBody") {
        return "body is required";
      }
      const field = fieldName(e.instancePath);
      switch (e.keyword) {
        case "required":
          return `${field === "request" ? "" : `${field}.`}${String(e.params.missingProperty)} is required`;
        case "unevaluatedProperties":
          return `${field}.${String(e.params.unevaluatedProperty)} is not allowed`;
        case "additionalProperties":
          return `${field}.${String(e.params.additionalProperty)} is not allowed`;
        case "enum":
          return `${field} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        default:
          return `${field} ${e.message ?? "is invalid"}`;
      }
    });
  return `Invalid request: ${[...new Set(messages)].join("; ")}`;
}

export function ajvMessage(prefix: "body" | "headers", e: AjvError, stripHeaders = false): string {
  let path = e.instancePath;
  if (stripHeaders) path = path.replace(/^\/headers/, "");
  const where = `${prefix}${path
    .split("/")
    .slice(1)
    .map(decodePointer)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("")}`;
  const extra =
    e.keyword === "additionalProperties" || e.keyword === "unevaluatedProperties"
      ? ` (${String(e.params.additionalProperty ?? e.params.unevaluatedProperty)})`
      : e.keyword === "required"
        ? ` (${String(e.params.missingProperty)})`
        : "";
  return `${where} ${e.message ?? e.keyword}${extra}`;
}
