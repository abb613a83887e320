/**
 * Loads every object type of the subgraph in the order `schema.graphql` prints them. NestJS registers a type when
 * its file is first loaded and the SDL follows that order, so the app module loads this file before any resolver:
 * moving a type between feature folders then never reorders the committed SDL. A new type goes where it should print.
 */
import '../train-model/gate-result.model';
import '../review-model/challenger-review.model';
import '../training-runs/training-run.model';
import '../model-versions/model-version.model';
import '../model-audit/model-audit.model';
