package io.txmon.service.problems;

import io.txmon.formats.rules.RuleFileException;
import io.txmon.ingest.DecisionNotStoredException;
import io.txmon.learning.TooFewLabelsException;
import io.txmon.payments.AccountExistsException;
import io.txmon.payments.IdempotencyConflictException;
import io.txmon.rules.InvalidRuleSetException;
import io.txmon.storage.StorageException;
import io.txmon.transaction.InvalidFieldException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail, from one place: bad input names its field (property {@code field}),
 * and nothing internal (stack traces, SQL, class names) ever reaches a client; those go to the log.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid field");
        problem.setType(URI.create("https://txmon.io/problems/invalid-field"));
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = invalidField(new InvalidFieldException(
                e.getName(),
                "must be " + BodyErrors.expected(e.getRequiredType()) + ", was '"
                        + QueryParameters.abbreviate(String.valueOf(e.getValue())) + "'"));
        problem.setTitle("Invalid parameter");
        return problem;
    }

    @ExceptionHandler(RuleFileException.class)
    ProblemDetail invalidRules(RuleFileException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.problem());
        problem.setTitle("Invalid rule file");
        problem.setType(URI.create("https://txmon.io/problems/invalid-rule-file"));
        if (e.getCause() instanceof InvalidRuleSetException invalid) {
            invalid.ruleId().ifPresent(rule -> problem.setProperty("rule", rule));
        }
        problem.setProperty("field", e.field().orElse(BodyErrors.BODY));
        e.line().ifPresent(line -> problem.setProperty("line", line));
        return problem;
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ProblemDetail idempotencyConflict(IdempotencyConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Idempotency-Key reused");
        problem.setType(URI.create("https://txmon.io/problems/idempotency-key-reused"));
        problem.setProperty("field", "Idempotency-Key");
        return problem;
    }

    @ExceptionHandler(AccountExistsException.class)
    ProblemDetail accountExists(AccountExistsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Account exists");
        problem.setProperty("field", "user_id");
        return problem;
    }

    /** Retraining with too few known outcomes: the request was fine, the labels are not there yet. */
    @ExceptionHandler(TooFewLabelsException.class)
    ProblemDetail tooFewLabels(TooFewLabelsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Too few labels");
        problem.setProperty("field", "labels");
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(DecisionNotStoredException.class)
    ProblemDetail unavailable(DecisionNotStoredException e) {
        LOG.error("detection unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Detection unavailable");
        return problem;
    }

    /**
     * The database failed while a request was served: logged with its cause, and answered as an internal error,
     * as it always was, with nothing of the database (SQL, messages, stack traces) in the answer.
     */
    @ExceptionHandler(StorageException.class)
    ProblemDetail storageFailed(StorageException e) {
        LOG.error("storage failed: {}", e.getMessage(), e);
        return internalError();
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return internalError();
    }

    private static ProblemDetail internalError() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "an internal error occurred");
        problem.setTitle("Internal error");
        return problem;
    }

    /**
     * A body that cannot be read names the field at fault and what is wrong with it (see {@link BodyErrors}); one
     * read past the size limit is 413, whatever else made reading it fail.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.TooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                        HttpStatus.CONTENT_TOO_LARGE, "body: is larger than the limit");
                problem.setTitle("Content Too Large");
                problem.setProperty("field", BodyErrors.BODY);
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
        }
        return ResponseEntity.badRequest().body(invalidField(BodyErrors.of(ex)));
    }

    /**
     * Every other error Spring MVC answers itself (a missing parameter or header, a media type or method not taken
     * here, no such resource) keeps its status, and says in the client's terms which part of the request is at
     * fault, instead of Spring's wording ("Failed to read request").
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        // Spring passes no body for its own exceptions: each carries its problem detail, used here as the body.
        Object problemBody = body == null && ex instanceof ErrorResponse response ? response.getBody() : body;
        if (problemBody instanceof ProblemDetail problem && statusCode.is4xxClientError()) {
            InvalidFieldException described = RequestErrors.of(ex);
            problem.setDetail(described.getMessage());
            problem.setProperty("field", described.field());
        }
        return super.handleExceptionInternal(ex, problemBody, headers, statusCode, request);
    }
}
