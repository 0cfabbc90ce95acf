/** The test account's nichandle, as OVH's /me returns it. */
export const TEST_NICHANDLE = 'ab12345-ovh';

/** The test account's identity in the journal, the leases and the batch records (accountIdentity of ovh-eu + TEST_NICHANDLE). */
export const TEST_IDENTITY = `ovh-eu/${TEST_NICHANDLE}`;
