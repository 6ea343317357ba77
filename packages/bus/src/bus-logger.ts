/** The two log levels the bus uses; a pino logger fits as it is. */
export interface BusLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

/** For callers that pass no logger: a bus problem should still be seen somewhere. */
export const consoleBusLogger: BusLogger = {
  warn: (obj, msg) => console.warn(`[bus] ${msg ?? ''}`, obj),
  info: (obj, msg) => console.info(`[bus] ${msg ?? ''}`, obj),
};
