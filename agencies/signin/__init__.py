"""Staff sign-in: the second factor after the password, its enrolment and recovery codes, the
idle timeout, and the lock-out page. An app of its own so that its templates and its Indonesian
catalogue travel with it."""
