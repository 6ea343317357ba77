export * from './light';
export * from './models';
export * from './errors';
export * from './widget-frames';
export * from './console-frames';
export * from './rest';
export * from './work';
export * from './tools';
