/** Jest runs the TypeScript sources as native ES modules (ts-jest transpiles, `tsc` type-checks). */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }] },
  testTimeout: 60000,
  // The default reporter, and the reasons any test file gave for skipping (test/support/skip-reasons.js).
  reporters: ["default", "<rootDir>/test/support/skip-reasons.js"],
  // Two at a time: many suites wait on servers and child processes (tsc, npm), not on a core.
  maxWorkers: 2,
};
