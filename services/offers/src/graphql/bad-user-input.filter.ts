import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { InvalidOfferInputError } from '../offers/offer-input';

/**
 * A caller's mistake becomes a GraphQL error with code BAD_USER_INPUT and the field at fault in
 * `extensions.field`. Handled here, it is neither logged as a server fault by Nest nor hidden.
 */
@Catch(InvalidOfferInputError)
export class BadUserInputFilter implements GqlExceptionFilter {
  catch(error: InvalidOfferInputError): GraphQLError {
    return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', field: error.field } });
  }
}
