/**
 * Which built files one visitor's browser can fetch once the loader imports the widget module,
 * read from the built code's own imports (not from a list someone keeps), so a new chunk counts
 * in the full-widget size the moment esbuild writes it, whether it loads at once or lazily.
 */
import ts from 'typescript';

/** Language catalogs: a visitor fetches at most one, so only the largest counts. */
const CATALOG = /^chat-strings-/;

export interface LoadSet {
  /** Files every visitor who opens the chat may load: the entry, what it imports and what it imports lazily (catalogs aside). */
  always: string[];
  /** Per language catalog, the files it adds to `always` (itself and helpers only it imports). */
  catalogs: string[][];
}

/** The relative modules a built file imports, statically and with `import()`. */
export function importsOf(code: string, file: string): { imports: string[]; dynamicImports: string[] } {
  const imports: string[] = [];
  const dynamicImports: string[] = [];
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [target] = node.arguments;
      // A computed import() could fetch anything: the size check cannot vouch for it.
      if (!target || !ts.isStringLiteralLike(target)) throw new Error(`${file} has an import() of a computed name: ${node.getText(source)}`);
      dynamicImports.push(target.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const local = (specifier: string) => {
    if (!specifier.startsWith('./') || specifier.slice(2).includes('/')) throw new Error(`${file} imports ${specifier}, which is not a file beside it in dist/`);
    return specifier.slice(2);
  };
  return { imports: imports.map(local), dynamicImports: dynamicImports.map(local) };
}

/**
 * Walks the imports from `entry`. `read` returns a built file's code, or undefined when it does
 * not exist (an error: the build is incomplete).
 */
export function widgetLoadSet(entry: string, read: (file: string) => string | undefined): LoadSet {
  const graph = new Map<string, { imports: string[]; dynamicImports: string[] }>();
  const edges = (file: string) => {
    let found = graph.get(file);
    if (!found) {
      const code = read(file);
      if (code === undefined) throw new Error(`${file} is imported but missing from dist/: run \`pnpm run build\`.`);
      found = importsOf(code, file);
      graph.set(file, found);
    }
    return found;
  };
  const catalogs = new Set<string>();
  // Lazy imports count like static ones (a visitor may trigger them all), except catalogs, set apart.
  const reach = (start: string, into: Set<string>) => {
    const stack = [start];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (into.has(file)) continue;
      into.add(file);
      const { imports, dynamicImports } = edges(file);
      stack.push(...imports);
      for (const target of dynamicImports) {
        if (CATALOG.test(target)) catalogs.add(target);
        else stack.push(target);
      }
    }
  };
  const always = new Set<string>();
  reach(entry, always);
  const perCatalog = new Map<string, string[]>();
  // A Set iterates what is added during the loop too, so a catalog found from a catalog is walked as well.
  for (const catalog of catalogs) {
    const own = new Set<string>();
    reach(catalog, own);
    perCatalog.set(catalog, [...own].filter((file) => !always.has(file)));
  }
  return { always: [...always], catalogs: [...perCatalog.keys()].sort().map((catalog) => perCatalog.get(catalog)!) };
}

/** The files of the full widget: everything in `always`, plus the catalog whose files weigh the most. */
export function fullWidgetFiles(set: LoadSet, gzipBytes: (file: string) => number): string[] {
  const weight = (files: string[]) => files.reduce((sum, file) => sum + gzipBytes(file), 0);
  const largest = set.catalogs.reduce<string[]>((max, files) => (weight(files) > weight(max) ? files : max), []);
  return [...set.always, ...largest];
}
