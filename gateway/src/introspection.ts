import type { ApolloServerPlugin } from "@apollo/server";
import { Role } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { BREAK, GraphQLError, visit } from "graphql";
import type { DocumentNode } from "graphql";

/**
 * Who may introspect the schema: everyone (`public`, the development default),
 * or only signed-in ANALYST and ADMIN callers (`analysts`, the production
 * default: analysts explore the graph with a token; an anonymous caller cannot
 * map it).
 */
export type IntrospectionAccess = "public" | "analysts";

const introspectingRoles: ReadonlySet<string> = new Set([Role.ANALYST, Role.ADMIN]);

export const IntrospectionReason = { INTROSPECTION_DISABLED: "INTROSPECTION_DISABLED" } as const;

export function mayIntrospect(access: IntrospectionAccess, viewer: Viewer): boolean {
  return access === "public" || (viewer.authenticated && introspectingRoles.has(viewer.role));
}

/** Whether a document asks for `__schema` or `__type` anywhere (`__typename` is not introspection). */
export function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(field) {
      if (field.name.value === "__schema" || field.name.value === "__type") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Refuses introspection to callers `access` does not let in: FORBIDDEN, reason INTROSPECTION_DISABLED, HTTP 403. */
export function introspectionPolicyPlugin<TContext extends { viewer: Viewer }>(
  access: IntrospectionAccess,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (mayIntrospect(access, contextValue.viewer)) return;
      return {
        async didResolveOperation({ document }) {
          if (!selectsIntrospection(document)) return;
          throw new GraphQLError(
            "Introspection is available to signed-in ANALYST and ADMIN callers only on this gateway.",
            {
              extensions: {
                code: "FORBIDDEN",
                reason: IntrospectionReason.INTROSPECTION_DISABLED,
                http: { status: 403 },
              },
            },
          );
        },
      };
    },
  };
}
