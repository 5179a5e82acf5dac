// Runs before each integration test file: these tests start real services, so they get a minute, not 5 s.
import { jest } from '@jest/globals';

jest.setTimeout(60_000);
