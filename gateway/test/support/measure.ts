/**
 * Writes one line of measurement to the test output: figures a test reports but deliberately does not assert
 * (timings on a shared CI box are too noisy for tight bounds). Not for debugging output.
 */
export function reportMeasurement(message: string): void {
  process.stdout.write(`  [measure] ${message}\n`);
}
