export * from './common';
export * from './errors';
export * from './permissions';
export * from './tenancy';
export * from './members';
export * from './catalog';
export * from './timeline';
export * from './imports';
