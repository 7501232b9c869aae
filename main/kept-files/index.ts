export * from './keep-aside';
export * from './checked-json';
