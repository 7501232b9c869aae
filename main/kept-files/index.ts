export * from './keep-aside';
export * from './checked-json';
export * from './temp-sweep';
