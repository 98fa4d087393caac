/** The Luhn check digit for a string of digits (the same scheme as payment cards). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A member card number: the business's sequence number padded to 9 digits, then a check digit
 * that catches any single mistyped digit and most swapped neighbours at the till.
 */
export function cardNumber(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Error('sequence must be ≥ 1');
  const body = String(sequence).padStart(9, '0');
  return body + luhnDigit(body);
}

export function isValidCardNumber(input: string): boolean {
  return /^\d{10,}$/.test(input) && luhnDigit(input.slice(0, -1)) === Number(input.at(-1));
}
