package dev.inlet.http;

/** Ends the handling of a request with a problem response; carries no stack trace (it is not a bug). */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
