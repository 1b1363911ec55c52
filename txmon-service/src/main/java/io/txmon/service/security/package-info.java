/** API keys and roles: who may call what. */
package io.txmon.service.security;
