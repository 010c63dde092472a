/** The pseudonymisation key every test stack uses (a fixed value, so ids are comparable across runs). */
export const TEST_PII_KEY = 'segflow-test-pii-key-0123456789abcdef';
