package io.txmon.service.problems;

import io.txmon.transaction.InvalidFieldException;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Which part of a request Spring MVC refused, and why, in the client's terms: the parameter, header, method or path
 * at fault, never the exception that said so.
 */
final class RequestErrors {
    private RequestErrors() {}

    static InvalidFieldException of(Exception e) {
        if (e instanceof MissingServletRequestParameterException missing) {
            return new InvalidFieldException(missing.getParameterName(), "is required");
        }
        if (e instanceof MissingRequestHeaderException missing) {
            return new InvalidFieldException(missing.getHeaderName(), "the header is required");
        }
        if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() == null ? "request" : mismatch.getPropertyName();
            return new InvalidFieldException(
                    name,
                    "must be " + BodyErrors.expected(mismatch.getRequiredType()) + ", was '"
                            + QueryParameters.abbreviate(String.valueOf(mismatch.getValue())) + "'");
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            return new InvalidFieldException(
                    "Content-Type",
                    "must be "
                            + unsupported.getSupportedMediaTypes().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(" or "))
                            + (unsupported.getContentType() == null
                                    ? ", and none was given"
                                    : ", was "
                                            + QueryParameters.abbreviate(
                                                    String.valueOf(unsupported.getContentType()))));
        }
        if (e instanceof HttpMediaTypeNotAcceptableException unacceptable) {
            return new InvalidFieldException(
                    "Accept",
                    "must allow "
                            + unacceptable.getSupportedMediaTypes().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(" or ")));
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            String allowed = method.getSupportedHttpMethods() == null
                    ? ""
                    : "; this path takes "
                            + method.getSupportedHttpMethods().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "));
            return new InvalidFieldException(
                    "method", QueryParameters.abbreviate(method.getMethod()) + " is not taken here" + allowed);
        }
        if (e instanceof NoResourceFoundException) {
            return new InvalidFieldException("path", "names nothing this service offers; see /docs");
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return new InvalidFieldException(BodyErrors.BODY, "is larger than the limit");
        }
        return new InvalidFieldException("request", "could not be taken as sent");
    }
}
