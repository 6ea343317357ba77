import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES, ERRORS, type ErrorCode } from './light';
import { StringEnum } from './models';

export const ErrorCodeSchema = StringEnum(ERROR_CODES as unknown as readonly ErrorCode[]);

/** The one error frame, on both sockets. `ref` names what failed: a clientId, a frame type, a request id. */
export const ErrorFrame = Type.Object({
  type: Type.Literal('error'),
  code: ErrorCodeSchema,
  message: Type.String(),
  ref: Type.Optional(Type.String()),
});
export type ErrorFrame = Static<typeof ErrorFrame>;

/** REST error body: the same code and message as the frame, without `type`. */
export const ErrorBody = Type.Object({
  code: ErrorCodeSchema,
  message: Type.String(),
  ref: Type.Optional(Type.String()),
});
export type ErrorBody = Static<typeof ErrorBody>;

export function errorFrame(code: ErrorCode, detail?: string, ref?: string): ErrorFrame {
  const message = detail ? `${ERRORS[code].message} (${detail})` : ERRORS[code].message;
  return ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref };
}
