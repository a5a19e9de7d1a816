// Config templates in infra/ use {{NAME}} placeholders; the stack renders them into its state folder.
import fs from 'node:fs';
import path from 'node:path';

/** Replaces every {{NAME}}; a placeholder without a value is an error (a template and its caller disagree). */
export function renderTemplate(text: string, values: Record<string, string | number>): string {
  const missing = new Set<string>();
  const out = text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return String(value);
  });
  if (missing.size > 0) throw new Error(`template placeholders without a value: ${[...missing].join(', ')}`);
  return out;
}

/** Renders a template file to target; writes only when the content changed. Returns true when it wrote. */
export function renderTemplateFile(template: string, target: string, values: Record<string, string | number>): boolean {
  const content = renderTemplate(fs.readFileSync(template, 'utf8'), values);
  let current: string | null = null;
  try {
    current = fs.readFileSync(target, 'utf8');
  } catch {
    // first render
  }
  if (current === content) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return true;
}
