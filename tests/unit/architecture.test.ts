// Scoping is structural (issue 15): an exported module function takes a typed context — a member, an officer,
// an operator, or a scope made by `access` — never a bare group id that nobody checked. This test reads every
// `app/modules/**/*.server.ts` with the TypeScript compiler and names each exported function with a parameter
// `groupId: string`, a destructured `groupId` of type string, or an inline `{ groupId: string }` parameter type.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve("app/modules");

/** `file:function` → why it may take a bare group id. Keep it short; each entry needs a reason. */
const ALLOWED: Record<string, string> = {
  "access/access.server.ts:isActiveMember":
    "the membership check itself, for a calendar feed that has no session: it answers whether the user may see the group",
  "access/scope.server.ts:scopeForOfficer": "builds an officer's scope from the URL's group id, after checking the group is in the officer's programme",
  "access/scope.server.ts:scopeForOperator": "builds an operator's scope from the URL's group id, after checking the operator and the group",
  "access/scope.server.ts:scopeForJob": "the one named way in for code with no person behind it (jobs, the indicator engine over a programme, the seed, tests)",
  "events/mail.server.ts:linkOf": "builds a URL from an occurrence row already read through a scope; reads nothing",
};

/** Parameter types that are contexts: destructuring `groupId` out of one of them is reading a checked group. */
const CONTEXTS = new Set(["MemberContext", "SupportContext", "GroupScope", "GroupScoped", "Ctx"]);
const isContextType = (type: ts.TypeNode | undefined): boolean =>
  !!type &&
  (ts.isUnionTypeNode(type)
    ? type.types.every(isContextType)
    : ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && CONTEXTS.has(type.typeName.text));

function serverFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return serverFiles(p);
    return e.name.endsWith(".server.ts") ? [p] : [];
  });
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Exported functions of a file: `export function f` and `export const f = (…) => …` / `function (…) {…}`. */
function exportedFunctions(source: ts.SourceFile): { name: string; fn: ts.SignatureDeclaration }[] {
  const out: { name: string; fn: ts.SignatureDeclaration }[] = [];
  for (const st of source.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && isExported(st)) out.push({ name: st.name.text, fn: st });
    if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && ts.isSatisfiesExpression(d.initializer) ? d.initializer.expression : d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push({ name: d.name.text, fn: init });
      }
    }
  }
  return out;
}

function isString(checker: ts.TypeChecker, node: ts.Node): boolean {
  const type = checker.getTypeAtLocation(node);
  return (checker.getNonNullableType(type).flags & ts.TypeFlags.StringLike) !== 0;
}

/** The way a parameter lets a bare group id in, or null. */
function bareGroupId(checker: ts.TypeChecker, param: ts.ParameterDeclaration): string | null {
  if (ts.isIdentifier(param.name) && param.name.text === "groupId" && isString(checker, param.name)) return "parameter groupId: string";
  if (ts.isObjectBindingPattern(param.name) && !isContextType(param.type)) {
    for (const el of param.name.elements) {
      const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : null;
      if (key === "groupId" && isString(checker, el.name)) return "destructured { groupId: string }";
    }
  }
  if (param.type && ts.isTypeLiteralNode(param.type)) {
    for (const m of param.type.members) {
      if (ts.isPropertySignature(m) && m.name && ts.isIdentifier(m.name) && m.name.text === "groupId" && m.type?.kind === ts.SyntaxKind.StringKeyword)
        return "parameter typed { groupId: string }";
    }
  }
  return null;
}

function findViolations(files = serverFiles(ROOT), root = ROOT): string[] {
  const configPath = path.resolve("tsconfig.json");
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, path.dirname(configPath));
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    for (const { name, fn } of exportedFunctions(source)) {
      for (const param of fn.parameters) {
        const how = bareGroupId(checker, param);
        if (how) found.push(`${path.relative(root, file)}:${name} (${how})`);
      }
    }
  }
  return found;
}

describe("architecture: module functions take a typed context, not a bare groupId", () => {
  it("finds the module files", () => {
    expect(serverFiles(ROOT).length).toBeGreaterThan(20);
  });

  it("no exported .server.ts function takes a bare groupId outside the allow-list", { timeout: 60_000 }, () => {
    const violations = findViolations();
    const unexpected = violations.filter((v) => !(v.split(" ")[0] in ALLOWED));
    expect(unexpected, `take a MemberContext / OfficerContext / GroupScope instead:\n${unexpected.join("\n")}`).toEqual([]);
    // An allow-list entry that no longer matches anything is stale: remove it.
    const stale = Object.keys(ALLOWED).filter((k) => !violations.some((v) => v.split(" ")[0] === k));
    expect(stale).toEqual([]);
  });

  it("catches each way in, and lets a context through", { timeout: 60_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arch-"));
    const file = path.join(dir, "sample.server.ts");
    fs.writeFileSync(
      file,
      [
        "type Args = { groupId: string; from: string };",
        "type GroupScope = { groupId: string };",
        "export function a(groupId: string) {}",
        "export function b({ groupId, from }: Args) {}",
        "export const c = ({ groupId: id }: { groupId: string }) => id;",
        "export function d(args: { groupId: string }) {}",
        "export function ok1({ scope }: { scope: GroupScope }) {}",
        "export function ok2({ groupId }: GroupScope) {}",
        "function inner(groupId: string) {}",
      ].join("\n"),
    );
    try {
      expect(findViolations([file], dir).map((v) => v.split(" ")[0])).toEqual([
        "sample.server.ts:a",
        "sample.server.ts:b",
        "sample.server.ts:c",
        "sample.server.ts:d",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("the allow-list gives a reason for each entry", () => {
    for (const [k, why] of Object.entries(ALLOWED)) expect(why.length, k).toBeGreaterThan(20);
  });
});
