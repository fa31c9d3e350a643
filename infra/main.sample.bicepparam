// Parameters of one environment. Copy this file (e.g. to infra/prod.bicepparam), set the values, and export the
// secrets before `az deployment group create`: they are read from the environment of the machine that deploys,
// go to Key Vault and nowhere else, and never sit in a file.
using './main.bicep'

param environmentName = 'prod'
param hostingPlan = 'FlexConsumption'
param publicBaseUrl = 'https://gonghui.example.org'

param smtpHost = 'smtp.example.org'
param smtpPort = 587
param smtpSecurity = 'StartTls'
param smtpUserName = 'noreply@example.org'
param smtpSender = 'noreply@example.org'
param reliefDefaultUnitEmail = 'relief-desk@example.org'

param approvalLinkActiveKeyId = 'k2026a'

// Object id of the administrator (user or group) who creates API keys with the keys command; empty: nobody.
param adminPrincipalId = readEnvironmentVariable('GONGHUI_ADMIN_PRINCIPAL_ID', '')

param smtpPassword = readEnvironmentVariable('GONGHUI_SMTP_PASSWORD')
param approvalLinkKeys = readEnvironmentVariable('GONGHUI_APPROVAL_LINK_KEYS')
param phoneHashKey = readEnvironmentVariable('GONGHUI_PHONE_HASH_KEY')
param nationalIdHashKey = readEnvironmentVariable('GONGHUI_NATIONAL_ID_HASH_KEY')
param registryNationalIdHashKey = readEnvironmentVariable('GONGHUI_REGISTRY_NATIONAL_ID_HASH_KEY')
param nominationsNationalIdHashKey = readEnvironmentVariable('GONGHUI_NOMINATIONS_NATIONAL_ID_HASH_KEY')
param staffSessionKey = readEnvironmentVariable('GONGHUI_STAFF_SESSION_KEY')
