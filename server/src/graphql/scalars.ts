export { JSONResolver as JSONScalar, DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
