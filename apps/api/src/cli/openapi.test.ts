import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { OPENAPI_FILE, openApiDocument } from './openapi.js';

/**
 * The request bodies the apps send, by the type they declare and the route that takes them. Every exported
 * `…Input` type under the apps and @gd/domain must be listed here or in NOT_A_BODY, so a new one is checked too.
 */
const REQUEST_TYPES: Record<string, { method: string; path: string }> = {
  CreateTicketInput: { method: 'post', path: '/api/tickets' },
  TransitionInput: { method: 'post', path: '/api/tickets/{id}/transition' },
  OpenCallInput: { method: 'post', path: '/api/calls' },
  UpdateCallInput: { method: 'patch', path: '/api/calls/{id}' },
  UpdateCrewInput: { method: 'patch', path: '/api/crews/{id}' },
  UpdateStaffInput: { method: 'patch', path: '/api/staff/{id}' },
  CreateCustomerInput: { method: 'post', path: '/api/customers' },
  CreateCrewInput: { method: 'post', path: '/api/crews' },
  CreateStaffInput: { method: 'post', path: '/api/staff' },
  CallbackAttemptInput: { method: 'post', path: '/api/callbacks/{id}/attempts' },
  HandoffInput: { method: 'post', path: '/api/tickets/{id}/handoff' },
  UrgeInput: { method: 'post', path: '/api/tickets/{id}/urge' },
  MergeInput: { method: 'post', path: '/api/tickets/{id}/merge' },
  DispatchInput: { method: 'post', path: '/api/tickets/{id}/dispatch' },
  PauseClockInput: { method: 'post', path: '/api/tickets/{id}/sla/pause' },
  DeclareEmergencyInput: { method: 'post', path: '/api/sla/emergencies' },
  EndEmergencyInput: { method: 'post', path: '/api/sla/emergencies/{id}/end' },
  RequestPauseInput: { method: 'post', path: '/api/tickets/{id}/sla/pause-requests' },
  RefusePauseInput: { method: 'post', path: '/api/sla/pause-requests/{id}/refuse' },
  UpdateCustomerInput: { method: 'patch', path: '/api/customers/{id}' },
  CreateOutageInput: { method: 'post', path: '/api/outages' },
};
/** Input types that are not a whole request body: one position of the array POST /crews/{id}/positions takes; the manual-arrival rule's input (packages/domain). */
const NOT_A_BODY = new Set(['PositionInput', 'ManualArrivalInput']);

const SOURCE_ROOTS = ['packages/domain/src', 'packages/web/src', 'apps/console/src', 'apps/dispatch-map/src'];

interface Field {
  optional: boolean;
}
interface Declared {
  file: string;
  fields: Map<string, Field>;
}

let document: Record<string, any>;
beforeAll(async () => {
  document = await openApiDocument();
});

describe('docs/openapi.json', () => {
  // The file is written from the built code (tsc) and compared here with vitest's (swc): should only these two
  // differ, a DTO field's type is inferred (tsc records Object, swc the literal's type): give @ApiProperty a type.
  it('is what the code generates (run `npm run openapi` after changing a route or DTO)', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(committed).toEqual(document);
  });

  describe('is what the running API serves', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('pglite', { customers: 0 });
    });
    afterAll(() => t?.close());

    it('at /api/docs-json', async () => {
      const served = await t.request('GET', '/docs-json');
      expect(served.status).toBe(200);
      expect(served.body).toEqual(document);
    });
  });
});

describe("the apps' request types against the API's request bodies", () => {
  const declared = requestTypes();

  it('lists every exported …Input type', () => {
    const unlisted = [...declared.keys()].filter((n) => !(n in REQUEST_TYPES) && !NOT_A_BODY.has(n));
    expect(unlisted).toEqual([]);
  });

  for (const [name, route] of Object.entries(REQUEST_TYPES)) {
    it(`${name} → ${route.method.toUpperCase()} ${route.path}`, () => {
      const versions = declared.get(name);
      expect(versions, `no exported type ${name} under ${SOURCE_ROOTS.join(', ')}`).toBeDefined();
      const schema = bodySchema(route.method, route.path);
      const properties = new Set(Object.keys(schema.properties ?? {}));
      const required: string[] = schema.required ?? [];
      for (const v of versions!) {
        const unknown = [...v.fields.keys()].filter((f) => !properties.has(f));
        expect(unknown, `${v.file}: ${name} names fields the API's DTO lacks`).toEqual([]);
        const missing = required.filter((f) => !v.fields.has(f) || v.fields.get(f)!.optional);
        expect(missing, `${v.file}: ${name} leaves out (or makes optional) fields the API requires`).toEqual(
          [],
        );
      }
    });
  }
});

function bodySchema(
  method: string,
  path: string,
): { properties?: Record<string, unknown>; required?: string[] } {
  const operation = document.paths?.[path]?.[method];
  if (!operation) throw new Error(`docs/openapi.json has no ${method.toUpperCase()} ${path}`);
  let schema = operation.requestBody?.content?.['application/json']?.schema;
  if (schema?.$ref) schema = document.components.schemas[schema.$ref.split('/').pop()];
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} declares no JSON body`);
  return schema;
}

/**
 * Every exported interface or type named `…Input` under SOURCE_ROOTS, with its fields as TypeScript resolves them
 * (inherited, Partial, Omit, intersections): one program over the files that declare them.
 */
function requestTypes(): Map<string, Declared[]> {
  const files = SOURCE_ROOTS.flatMap((root) => sourceFiles(join(REPO_ROOT, root))).filter((f) =>
    /export (interface|type) \w+Input\b/.test(readFileSync(f, 'utf8')),
  );
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const result = new Map<string, Declared[]>();
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) continue;
      const name = statement.name.text;
      if (
        !name.endsWith('Input') ||
        !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      )
        continue;
      const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(statement.name)!);
      const fields = new Map<string, Field>();
      for (const p of checker.getPropertiesOfType(type))
        fields.set(p.name, { optional: (p.flags & ts.SymbolFlags.Optional) !== 0 });
      const list = result.get(name) ?? [];
      list.push({ file: relative(REPO_ROOT, file), fields });
      result.set(name, list);
    }
  }
  return result;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
