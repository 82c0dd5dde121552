import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { roles } from '../access/access.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { customers } from '../customers/customers.table.ts';
import { defaultItems } from '../customization/index.ts';
import { dictionaryItems } from '../customization/customization.table.ts';
import { interactions } from '../interactions/interactions.table.ts';
import { leadsVisibleTo } from '../leads/index.ts';
import { leads } from '../leads/leads.table.ts';
import { opportunitiesVisibleTo } from '../opportunities/index.ts';
import { opportunities } from '../opportunities/opportunities.table.ts';
import { ordersVisibleTo } from '../orders/index.ts';
import { orders } from '../orders/orders.table.ts';
import { quotesVisibleTo } from '../quotes/index.ts';
import { quotes } from '../quotes/quotes.table.ts';
import { products } from '../products/products.table.ts';
import { partners } from '../partners/partners.table.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { departments, teams } from '../org-structure/org-structure.table.ts';
import { tasksVisibleTo } from '../tasks/index.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { usersVisibleTo } from '../users/index.ts';
import { users } from '../users/users.table.ts';
import type { Locale } from '../../i18n/messages.ts';
import type { BinEntity } from './recycle-bin.schema.ts';

/** A table column as an aliasable expression, decoded like the column (dates come back as dates). */
const decoded = <T>(column: AnyPgColumn) => sql`${column}`.mapWith(column) as SQL<T>;

/**
 * The columns of a bin entry: the same shape for every branch of the union, under names no
 * table has (the outer query joins users, whose id and deleted_* would clash). The entity
 * name comes from the fixed list of the schema, never from the request.
 */
function binColumns(
  entity: BinEntity,
  t: { id: AnyPgColumn; deletedAt: AnyPgColumn; deletedBy: AnyPgColumn },
  label: SQL,
) {
  return {
    entity: sql<BinEntity>`${sql.raw(`'${entity}'`)}::text`.as('bin_entity'),
    id: decoded<string>(t.id).as('bin_id'),
    label: sql<string>`${label}`.as('bin_label'),
    deletedAt: decoded<Date | null>(t.deletedAt).as('bin_deleted_at'),
    deletedBy: decoded<string | null>(t.deletedBy).as('bin_deleted_by'),
  };
}

/** Tables whose rows are their own label, and the data scope (if any) that decides which the actor sees. */
function deletedNamedRows(
  tx: Db,
  actor: Actor,
  entity: Exclude<BinEntity, 'contacts' | 'interactions' | 'tasks' | SalesBinEntity>,
) {
  const t = { users, departments, teams, roles, customers }[entity];
  // People and customers are seen through the actor's data scope, deleted or not.
  const scope: SQL | undefined =
    entity === 'users'
      ? usersVisibleTo(actor)
      : entity === 'customers'
        ? // A merged duplicate lives on in the customer it was merged into: it cannot come back.
          and(isNull(customers.mergedIntoId), customersVisibleTo(actor))
        : undefined;
  return tx
    .select(binColumns(entity, t, sql`${t.name}`))
    .from(t)
    .where(and(eq(t.orgId, actor.orgId), isNotNull(t.deletedAt), scope));
}

/**
 * Deleted contacts, labelled with their customer. A contact is visible exactly when its
 * customer is live and in the actor's scope — the same rule /contacts/:id/restore applies,
 * so a contact of a deleted customer shows up again once the customer is restored.
 */
function deletedContacts(tx: Db, actor: Actor) {
  return tx
    .select(binColumns('contacts', contacts, sql`${contacts.name} || ' · ' || ${customers.name}`))
    .from(contacts)
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, contacts.orgId),
        eq(customers.id, contacts.customerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .where(and(eq(contacts.orgId, actor.orgId), isNotNull(contacts.deletedAt)));
}

const channel = alias(dictionaryItems, 'bin_channel');

/**
 * Deleted interactions, labelled "channel: subject · customer" (the occurred date, in the
 * organisation's time zone, when there is no subject; the channel as the organisation's
 * dictionary names it, or as the default dictionary does). Visible exactly when the customer
 * is live and in the actor's scope, as for contacts and /interactions/:id/restore.
 */
function deletedInteractions(tx: Db, actor: Actor, locale: Locale) {
  // An organisation that never opened its dictionaries has no rows yet: the default names then.
  const defaults = defaultItems('interactionChannel').map(
    (d) => sql`when ${d.key}::text then ${d.label[locale]}::text`,
  );
  const defaultName = sql`case ${interactions.channel} ${sql.join(defaults, sql` `)} else ${interactions.channel} end`;
  const channelName = sql`coalesce(${channel.label} ->> ${locale}::text, ${defaultName})`;
  const day = sql`to_char(${interactions.occurredAt} at time zone ${orgs.timeZone}, 'YYYY-MM-DD')`;
  const topic = sql`coalesce(nullif(${interactions.subject}, ''), ${day})`;
  const separator = locale === 'zh-CN' ? '：' : ': ';
  return tx
    .select(
      binColumns(
        'interactions',
        interactions,
        sql`${channelName} || ${separator} || ${topic} || ' · ' || ${customers.name}`,
      ),
    )
    .from(interactions)
    .innerJoin(orgs, eq(orgs.id, interactions.orgId))
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, interactions.orgId),
        eq(customers.id, interactions.customerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .leftJoin(
      channel,
      and(
        eq(channel.orgId, interactions.orgId),
        eq(channel.dictionary, 'interactionChannel'),
        eq(channel.key, interactions.channel),
        isNull(channel.deletedAt),
      ),
    )
    .where(and(eq(interactions.orgId, actor.orgId), isNotNull(interactions.deletedAt)));
}

/** Deleted tasks, by title, within the tasks module's own scope (assignee in scope, or created by the actor). */
function deletedTasks(tx: Db, actor: Actor) {
  return tx
    .select(binColumns('tasks', tasks, sql`${tasks.title}`))
    .from(tasks)
    .where(and(eq(tasks.orgId, actor.orgId), isNotNull(tasks.deletedAt), tasksVisibleTo(tx, actor)));
}

/** Deleted leads, by name (and company), within the leads' data scope. */
function deletedLeads(tx: Db, actor: Actor) {
  const label = sql`coalesce(${leads.name} || coalesce(' · ' || ${leads.company}, ''), ${leads.company}, '')`;
  return tx
    .select(binColumns('leads', leads, label))
    .from(leads)
    .where(and(eq(leads.orgId, actor.orgId), isNotNull(leads.deletedAt), leadsVisibleTo(actor)));
}

type SalesBinEntity = 'leads' | 'opportunities' | 'orders' | 'quotes' | 'products' | 'partners';

/** Deleted orders and quotes by number (and customer), within their data scope. */
function deletedDocuments(tx: Db, actor: Actor, entity: 'orders' | 'quotes') {
  const t = entity === 'orders' ? orders : quotes;
  const scope = entity === 'orders' ? ordersVisibleTo(actor) : quotesVisibleTo(actor);
  const label = sql`${t.number} || coalesce(' · ' || (select c.name from ${customers} c
    where c.org_id = ${t.orgId} and c.id = ${t.customerId}), '')`;
  return tx
    .select(binColumns(entity, t, label))
    .from(t)
    .where(and(eq(t.orgId, actor.orgId), isNotNull(t.deletedAt), scope));
}

/** Deleted catalogue products (SKU · name) and partners (name): organisation-wide records. */
function deletedCatalogue(tx: Db, actor: Actor, entity: 'products' | 'partners') {
  if (entity === 'products')
    return tx
      .select(binColumns('products', products, sql`${products.sku} || ' · ' || ${products.name}`))
      .from(products)
      .where(and(eq(products.orgId, actor.orgId), isNotNull(products.deletedAt)));
  return tx
    .select(binColumns('partners', partners, sql`${partners.name}`))
    .from(partners)
    .where(and(eq(partners.orgId, actor.orgId), isNotNull(partners.deletedAt)));
}

/** Deleted opportunities, by name, within the opportunities' data scope. */
function deletedOpportunities(tx: Db, actor: Actor) {
  return tx
    .select(binColumns('opportunities', opportunities, sql`${opportunities.name}`))
    .from(opportunities)
    .where(
      and(
        eq(opportunities.orgId, actor.orgId),
        isNotNull(opportunities.deletedAt),
        opportunitiesVisibleTo(actor),
      ),
    );
}

/**
 * One branch of the union: the deleted rows of one entity, as bin entries. The branches select
 * the same columns; only the joined tables (which the type tracks) differ.
 */
type Branch = ReturnType<typeof deletedNamedRows>;
function deletedRows(tx: Db, actor: Actor, locale: Locale, entity: BinEntity): Branch {
  switch (entity) {
    case 'contacts':
      return deletedContacts(tx, actor) as unknown as Branch;
    case 'interactions':
      return deletedInteractions(tx, actor, locale) as unknown as Branch;
    case 'tasks':
      return deletedTasks(tx, actor) as unknown as Branch;
    case 'leads':
      return deletedLeads(tx, actor) as unknown as Branch;
    case 'opportunities':
      return deletedOpportunities(tx, actor) as unknown as Branch;
    case 'orders':
    case 'quotes':
      return deletedDocuments(tx, actor, entity) as unknown as Branch;
    case 'products':
    case 'partners':
      return deletedCatalogue(tx, actor, entity) as unknown as Branch;
    default:
      return deletedNamedRows(tx, actor, entity);
  }
}

const deleter = alias(users, 'deleter');

/** The deleted records of the given entities, newest deletion first, one page after `cursor`. */
export async function listDeleted(
  tx: Db,
  actor: Actor,
  entities: readonly BinEntity[],
  page: { cursor?: { at: Date; id: string }; limit: number; locale: Locale },
) {
  const [first, second, ...rest] = entities.map((e) => deletedRows(tx, actor, page.locale, e));
  const bin = (second ? unionAll(first!, second, ...rest) : first!).as('bin');
  const after: SQL | undefined = page.cursor
    ? or(
        lt(bin.deletedAt, page.cursor.at),
        and(eq(bin.deletedAt, page.cursor.at), lt(bin.id, page.cursor.id)),
      )
    : undefined;
  const rows = await tx
    .select({
      entity: bin.entity,
      id: bin.id,
      label: bin.label,
      deletedAt: bin.deletedAt,
      deletedBy: bin.deletedBy,
      deletedByName: deleter.name,
    })
    .from(bin)
    .leftJoin(deleter, and(eq(deleter.orgId, actor.orgId), eq(deleter.id, bin.deletedBy)))
    .where(after)
    .orderBy(desc(bin.deletedAt), desc(bin.id))
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: sql<number>`count(*)::int` }).from(bin);
  return { rows, total };
}
