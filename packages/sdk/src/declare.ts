// `@dbusers/sdk/declare`: users as declared state. `plan()` compares a declaration with a target's
// users, `apply()` carries the plan out on the outcome model, `importDeclaration()` writes a target's
// users as a declaration. It takes any facade client (`createDatabaseUsers(...)`) and loads no vendor
// client of its own.
export { apply } from "./declare/apply.ts";
export { checkDeclaration } from "./declare/check.ts";
export { type ImportedDeclaration, importDeclaration } from "./declare/import.ts";
export { hasDifferences, plan } from "./declare/plan.ts";
export type {
  ApplyOptions,
  ApplyProgress,
  ApplyResult,
  Change,
  ChangeError,
  ChangeResult,
  ChangeStatus,
  DesiredUser,
  Drift,
  FieldChange,
  Plan,
  PlanOptions,
  Target,
} from "./declare/types.ts";
