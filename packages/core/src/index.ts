export { systemClock, testClock, type Clock, type TestClock } from './clock';
