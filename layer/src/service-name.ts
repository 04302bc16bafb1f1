/**
 * The `service` of every record and the value of the EMF `service` dimension, so the key means one thing in
 * both: `POWERTOOLS_SERVICE_NAME`, else the function name. Fixed at load, like Powertools fixes its own.
 */
export const serviceName =
  process.env.POWERTOOLS_SERVICE_NAME || process.env.AWS_LAMBDA_FUNCTION_NAME || 'service_undefined';
