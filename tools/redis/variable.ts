/** Where the tests find the Redis URL (listed in turbo.json's passThroughEnv). */
export const REDIS_URL_VARIABLE = "DBUSERS_TEST_REDIS_URL";
