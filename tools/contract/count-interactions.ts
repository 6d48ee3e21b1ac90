// Tallies the recorded interactions by the spec operation they exercise, so `pnpm contract` can show
// at a glance that every operation has its success and error cases.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

interface PactInteraction {
  request: { method: string; path: string };
  response: { status: number };
}

export interface OperationTally {
  operationId: string;
  interactions: number;
  statuses: number[];
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

export async function countInteractions(specFile: string, pactFiles: string[]): Promise<OperationTally[]> {
  const spec = parse(await readFile(specFile, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(spec.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      // A template segment `{name}` matches one non-empty path segment.
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      operationId: (item[method] as { operationId: string }).operationId,
    })),
  );
  const tallies = new Map<string, OperationTally>();
  for (const pactFile of pactFiles) {
    const pact = JSON.parse(await readFile(pactFile, "utf8")) as { interactions: PactInteraction[] };
    for (const { request, response } of pact.interactions) {
      const route = routes.find((r) => r.method === request.method && r.pattern.test(request.path));
      const operationId = route?.operationId ?? `(no operation) ${request.method} ${request.path}`;
      const tally = tallies.get(operationId) ?? { operationId, interactions: 0, statuses: [] };
      tally.interactions += 1;
      if (!tally.statuses.includes(response.status)) tally.statuses.push(response.status);
      tallies.set(operationId, tally);
    }
  }
  return [...tallies.values()].sort((a, b) => a.operationId.localeCompare(b.operationId));
}
