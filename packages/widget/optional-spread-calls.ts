import ts from 'typescript';

/**
 * The calls in an optional chain that pass a spread argument before another argument
 * (`a?.f(...xs, 1)`): the one optional-chaining form Chrome and Edge 80-90 get wrong
 * (https://crbug.com/42201552), and so the one form the widget's bundles must not contain
 * while build.ts lets esbuild keep `?.` as written. Returns each such call's source text.
 */
export function findOptionalSpreadCalls(code: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isOptionalChain(node) && node.arguments.slice(0, -1).some(ts.isSpreadElement)) {
      found.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
