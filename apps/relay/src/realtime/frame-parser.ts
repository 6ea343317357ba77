/**
 * Turns a raw WebSocket message into a validated frame or a typed error, never a throw.
 * Each frame type has its own compiled validator so an error names the exact field.
 */
import { LIMITS, type ErrorCode } from '@parley/protocol';
import type { TObject, TUnion } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

export type ParseResult<F> = { ok: true; frame: F } | { ok: false; code: ErrorCode; detail?: string; ref?: string };

export interface FrameParser<F> {
  parse(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ParseResult<F>;
}

function frameTypeOf(schema: TObject): string {
  const type = schema.properties.type as { const?: unknown } | undefined;
  if (typeof type?.const !== 'string') throw new Error('every frame schema needs a literal `type`');
  return type.const;
}

function toBuffer(raw: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}

function clientIdOf(bytes: Buffer): string | undefined {
  try {
    const clientId = (JSON.parse(bytes.toString('utf8')) as { clientId?: unknown }).clientId;
    return typeof clientId === 'string' ? clientId.slice(0, LIMITS.maxClientIdLength) : undefined;
  } catch {
    return undefined;
  }
}

export function createFrameParser<F>(union: TUnion<TObject[]>): FrameParser<F> {
  const validators = new Map<string, TypeCheck<TObject>>();
  for (const member of union.anyOf) validators.set(frameTypeOf(member), TypeCompiler.Compile(member));

  return {
    parse(raw, isBinary) {
      const bytes = toBuffer(raw);
      if (bytes.length > LIMITS.maxFrameBytes) {
        // Name the message that was refused, so its sender marks it failed instead of resending it forever.
        const ref = clientIdOf(bytes);
        return {
          ok: false,
          code: 'frame_too_large',
          detail: `${bytes.length} bytes, limit ${LIMITS.maxFrameBytes}`,
          ...(ref ? { ref } : {}),
        };
      }
      if (isBinary) return { ok: false, code: 'bad_json', detail: 'binary frames are not accepted' };
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch {
        return { ok: false, code: 'bad_json' };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, code: 'invalid_frame', detail: 'a frame is a JSON object' };
      }
      const type = (value as { type?: unknown }).type;
      const validator = typeof type === 'string' ? validators.get(type) : undefined;
      if (!validator) {
        return { ok: false, code: 'unknown_frame', ...(typeof type === 'string' ? { ref: type.slice(0, 64) } : {}) };
      }
      if (!validator.Check(value)) {
        const first = validator.Errors(value).First();
        const clientId = (value as { clientId?: unknown }).clientId;
        return {
          ok: false,
          code: 'invalid_frame',
          detail: first ? `${first.path || '/'}: ${first.message}` : undefined,
          ref: typeof clientId === 'string' ? clientId.slice(0, LIMITS.maxClientIdLength) : (type as string),
        };
      }
      return { ok: true, frame: value as F };
    },
  };
}
