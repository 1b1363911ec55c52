/** The API's documentation: Swagger UI and ReDoc over one OpenAPI document. */
package io.txmon.service.docs;
