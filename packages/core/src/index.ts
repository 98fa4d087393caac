export { cardNumber, isValidCardNumber, luhnDigit } from './card-number';
export { systemClock, testClock, type Clock, type TestClock } from './clock';
export { fromExcelSerial, parseDate, type DateResult } from './dates';
export { maskAddress, maskEmail } from './masking';
export { addressAs, surnameOf, type Gender, type Lang } from './names';
export { maskPhone, normalizePhone, type Phone, type PhoneResult } from './phone';
export { phoneDisplay, type PhoneDisplay } from './phone-display';
export { nameSearchKeys, type NameKeys } from './pinyin';
export { cleanText, toHalfWidth } from './text';
export { isGsm7, smsSegments, type SmsEncoding, type SmsSegments } from './sms-segments';
export {
  validateCustomValues,
  type CustomFieldDef,
  type CustomProblem,
  type CustomValue,
} from './custom-fields';
export { hanGrams, hasHan, memberSearchDoc, queryGrams, type SearchFields } from './member-search';
export * from './import';
export * from './loyalty';
export * from './messaging';
export * from './rewards';
