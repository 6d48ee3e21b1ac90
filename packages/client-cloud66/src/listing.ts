import { expectArray, expectObject, type NumberedPage, ResponseShapeError } from "@dbusers/core/adapter";
import { type Cloud66User, toDatabaseUser } from "./map-user.ts";
import type { Cloud66DatabaseUser, Cloud66UserList } from "./types.ts";

/** A user as a page of the list carries it: mapped, with Cloud 66's own object for what only it holds. */
export interface ListedUser {
  user: Cloud66User;
  /** As listed: with `password` when the page was asked for with `show_password=true`. */
  listed: Cloud66DatabaseUser;
}

/** A page of the list, with the number of users the whole list had when the page was read. */
export interface UserPage extends NumberedPage<ListedUser> {
  total: number;
}

/**
 * Reads one page of `database_users_list` for `paginateNumbered`: the users, and the page count that
 * every page reports. A page other than the one asked for (a server ignoring `page`) would repeat users
 * forever, so it is an invalid answer.
 */
export function readUserPage(page: number) {
  return (data: Cloud66UserList | undefined): UserPage => {
    const body = expectObject(data, "body");
    const pagination = expectObject(body.pagination, "pagination");
    if (pagination.current !== page) {
      throw new ResponseShapeError(`pagination.current is ${String(pagination.current)}, not page ${page}`);
    }
    if (!Number.isInteger(pagination.pages) || pagination.pages < 0) {
      throw new ResponseShapeError(`pagination.pages is ${String(pagination.pages)}, not a page count`);
    }
    const items = expectArray(body.response, "response").map((listed, i) => ({
      user: toDatabaseUser(listed, `response[${i}]`),
      listed,
    }));
    return { items, pageCount: pagination.pages, total: pagination.count };
  };
}
