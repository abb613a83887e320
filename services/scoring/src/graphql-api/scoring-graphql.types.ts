/**
 * Loads every object type of the subgraph in the order `schema.graphql` prints them. NestJS registers a type when
 * its file is first loaded and the SDL follows that order, so the app module loads this file before any resolver:
 * moving a type between feature folders then never reorders the committed SDL. A new type goes where it should print.
 */
import '../pca-map/pca-position.model';
import '../customers/feature-explanation.model';
import '../segments/segment.model';
import '../customers/customer.model';
import '../pca-map/pca-point.model';
import '../predict-segment/segment-prediction.model';
import '../similar-customer/similar-customer.model';
import '../rescore/rescore-job.model';
import '../champion/scoring-model.model';
import '../model-health/model-health.model';
import '../segment-members/segment-members.model';
