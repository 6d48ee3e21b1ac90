/** Where the tests find the MySQL/MariaDB admin URL (listed in turbo.json's passThroughEnv). */
export const MYSQL_URL_VARIABLE = "DBUSERS_TEST_MYSQL_URL";
