/**
 * Version of the consent text (the locale strings under `consent.connect.*`, `consent.option.*`
 * and `consent.confirm.*`). Bump it whenever that text changes in substance: consents given under
 * an older version are then shown as needing renewal.
 */
export const CONSENT_TERMS_VERSION = 1;

/** The official pages the consent cards link to (from the product's sources). */
export const CONSENT_LINKS = {
  faq: 'https://support.office.com/article/about-linkedin-information-and-features-in-microsoft-apps-and-services-dc81cc70-4d64-4755-9f1c-b9536e34d381',
  yourData: 'https://support.microsoft.com/office/your-data-ae9c08a7-4d06-45b5-a065-320a97bc1400',
  connectAccounts: 'https://support.microsoft.com/office/connect-your-linkedin-and-work-or-school-accounts-c7c245f2-fa56-4c9b-ba20-3fceb23c5772',
  linkedInInMicrosoftApps: 'https://www.linkedin.com/help/linkedin/answer/84077',
  microsoftPrivacy: 'https://privacy.microsoft.com/privacystatement/',
  linkedInPrivacy: 'https://www.linkedin.com/legal/privacy-policy',
  myApps: 'https://account.activedirectory.windowsazure.com/profile',
  importedContacts: 'https://www.linkedin.com/help/linkedin/answer/43377',
  profileVisibility: 'https://www.linkedin.com/help/linkedin/answer/83',
} as const;
