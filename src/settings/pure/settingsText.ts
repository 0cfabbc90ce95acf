/**
 * The plain words of the renew-settings confirmations and results. Pure: `t` is
 * vscode.l10n.t in the extension, English in unit tests.
 */
import { isOvhApiError } from '../../ovh/errors';
import type { Translate } from '../../translate';
import { parseDuration, type ServiceOutcome, type SettingsChange, type SettingsTarget, type SkipReason, stopGate } from '../../renewal';
import { formatDuration, formatOvhDay } from '../../format';

export function periodWords(period: string | undefined, locale: string): string | undefined {
  const duration = parseDuration(period);
  return duration ? formatDuration(duration, locale) : undefined;
}

/** Why a service is left unchanged; `target` names who or until when, where the reason has one. */
export function skipText(reason: SkipReason, t: Translate, target?: SettingsTarget, locale = 'en'): string {
  switch (reason) {
    case 'stopNotOffered':
      return t(
        'OVHcloud does not offer to stop it at expiry (not among the actions it allows for this service): see the service in the OVHcloud Control Panel',
      );
    case 'notAdmin':
      return t(
        'only its administrator contact ({0}) can stop it: ask them, or have the contact changed in the OVHcloud Control Panel',
        target?.adminContact ?? t('another account'),
      );
    case 'commitmentKept': {
      const end = target?.engagement?.endDate ? formatOvhDay(target.engagement.endDate, locale) : undefined;
      return end
        ? t('it is under commitment until {0}, and OVHcloud offers no way to end it then: it keeps running and is billed until at least that date', end)
        : t('it is under commitment, and OVHcloud offers no way to end it then: it keeps running and is billed until the commitment ends');
    }
    case 'forcedAutomatic':
      return t('OVHcloud renews this product automatically only: it cannot be switched to manual renewal');
    case 'periodNotOffered':
      return t('OVHcloud does not offer this period for it');
    case 'terminated':
      return t('it is already terminated');
    case 'option':
      return t('it is an option: it renews and ends with its service');
    case 'alreadyEnding':
      return t('it is already set to end at expiry');
    case 'notEnding':
      return t('it is not set to end');
    case 'unchanged':
      return t('it already renews this way');
  }
}

function names(targets: readonly SettingsTarget[]): string {
  const shown = targets.slice(0, 8).map((target) => target.displayName);
  return targets.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * A renewal order this extension has in flight for a service (its order journal's entry), or
 * `unreadable`: a record of the account cannot be read (a crash mid-write) and may stand for one.
 */
export interface OrderInFlight {
  readonly state: 'placing' | 'unknown' | 'unpaid' | 'paying' | 'payUncertain' | 'payAccepted' | 'unreadable';
  readonly orderId?: number;
}

/** Why a change has no answer from OVH, in a few words for the result line. */
export function noAnswerReason(error: unknown, t: Translate): string {
  if (isOvhApiError(error) && error.status !== undefined) return `HTTP ${error.status}`;
  if (isOvhApiError(error) && error.kind === 'timeout') return t('no answer in time');
  return t('the connection was lost');
}

/**
 * A renewal order in flight is named in the confirmation: a settings change does not cancel it,
 * and paying it as well as switching to automatic renewal could renew the service twice.
 */
function inFlightLines(change: SettingsChange, inFlight: readonly { target: SettingsTarget; order: OrderInFlight }[], t: Translate): string[] {
  const lines = inFlight.map(({ target, order }) => {
    switch (order.state) {
      case 'unpaid':
        return t('{0}: renewal order {1}, placed from this extension, is waiting for payment.', target.displayName, order.orderId ?? '?');
      case 'paying':
      case 'payUncertain':
      case 'payAccepted':
        return t('{0}: a payment of renewal order {1}, sent from this extension, is in progress.', target.displayName, order.orderId ?? '?');
      case 'placing':
      case 'unknown':
        return t('{0}: a renewal order placed from this extension has no known outcome yet.', target.displayName);
      case 'unreadable':
        return t('{0}: a record of a renewal order attempt on this computer cannot be read, so an order may be in flight.', target.displayName);
    }
  });
  if (lines.length === 0) return [];
  if (change.kind === 'stopAtExpiry') lines.push(t('This change does not cancel that order: if it is paid, the service is renewed.'));
  else if (change.kind === 'renew' && change.mode === 'automatic')
    lines.push(t('If OVHcloud renews it automatically and that order is paid too, the service is renewed twice: pay the order or let it lapse.'));
  else lines.push(t('This change does not cancel that order.'));
  return lines;
}

/**
 * The confirmation of a change sent to `toSend`, naming the renewal order this extension has in
 * flight for each of them (`orderInFlight`: the order journal's entry). What the renew settings
 * flow shows; the money model builds its settings dialogs with it.
 */
export function settingsConfirmation<T extends SettingsTarget>(
  change: SettingsChange,
  toSend: readonly { accountId: string; target: T }[],
  skipped: readonly { target: SettingsTarget; reason: SkipReason }[],
  locale: string,
  t: Translate,
  orderInFlight: (accountId: string, serviceId: number) => OrderInFlight | undefined,
): { message: string; detail: string; action: string } {
  const inFlight = toSend.flatMap(({ accountId, target }) => {
    const order = orderInFlight(accountId, target.serviceId);
    return order ? [{ target, order }] : [];
  });
  return confirmationText(
    change,
    toSend.map((entry) => entry.target),
    skipped,
    locale,
    t,
    inFlight,
  );
}

/** Title and details of the modal confirmation, in plain words; `skipped` are named with why, orders in flight with what the change does to them. */
export function confirmationText(
  change: SettingsChange,
  targets: readonly SettingsTarget[],
  skipped: readonly { target: SettingsTarget; reason: SkipReason }[],
  locale: string,
  t: Translate,
  inFlight: readonly { target: SettingsTarget; order: OrderInFlight }[] = [],
  nowMs = Date.now(),
): { message: string; detail: string; action: string } {
  const single = targets.length === 1 ? targets[0] : undefined;
  const expiry = single ? (formatOvhDay(single.expirationDate, locale) ?? t('its expiry date')) : undefined;
  const lines: string[] = [];
  let message: string;
  let action: string;
  switch (change.kind) {
    case 'renew': {
      const period = periodWords(change.period, locale);
      if (change.mode === 'automatic') {
        message = single
          ? period
            ? t('Renew {0} automatically, every {1}?', single.displayName, period)
            : t('Renew {0} automatically?', single.displayName)
          : t('Renew {0} services automatically{1}?', targets.length, period ? t(', every {0}', period) : '');
        lines.push(t('OVHcloud will order and charge each renewal to your default payment method, shortly before expiry, without asking again.'));
      } else {
        message = single ? t('Renew {0} manually?', single.displayName) : t('Renew {0} services manually?', targets.length);
        lines.push(t('Nothing will be charged by itself: you will have to order and pay each renewal before the expiry date, or the service expires.'));
      }
      lines.push(t('You can change this again at any time.'));
      action = t('Change Renewal');
      break;
    }
    case 'stopAtExpiry': {
      const committed = targets.flatMap((target) => {
        const route = stopGate(target, undefined, nowMs);
        return typeof route !== 'string' && route.via === 'endRule'
          ? [{ target, end: formatOvhDay(route.endDate, locale) ?? t('the end of its commitment') }]
          : [];
      });
      if (single && committed.length === 1) {
        message = t('Stop {0} at the end of its commitment, on {1}?', single.displayName, committed[0].end);
        lines.push(
          t(
            '{0} is under commitment until {1}: it cannot stop at its expiry before then. OVHcloud will end it when the commitment ends (its end rule becomes "cancel the service") and delete the service and its data.',
            single.displayName,
            committed[0].end,
          ),
        );
        lines.push(t('You can undo this until {0} with "Keep Renewing".', committed[0].end));
        action = t('Stop Renewing');
        break;
      }
      message = single ? t('Stop renewing {0} at expiry?', single.displayName) : t('Stop renewing {0} services at expiry?', targets.length);
      for (const { target, end } of committed) lines.push(t('{0} is under commitment: it ends when the commitment ends, on {1}.', target.displayName, end));
      lines.push(
        single
          ? t(
              '{0} will not be renewed. On {1} OVHcloud ends it and deletes the service and its data (files, emails, databases, DNS as the product has them).',
              single.displayName,
              expiry ?? '',
            )
          : t(
              "They will not be renewed. At each one's expiry OVHcloud ends it and deletes the service and its data (files, emails, databases, DNS as the product has them).",
            ),
      );
      lines.push(
        single
          ? t('You can undo this until {0} with "Keep Renewing".', expiry ?? '')
          : t('You can undo this for each service until its expiry with "Keep Renewing".'),
      );
      action = t('Stop Renewing');
      break;
    }
    case 'keepRenewing':
      message = single ? t('Keep renewing {0}?', single.displayName) : t('Keep renewing {0} services?', targets.length);
      lines.push(t('The request to end at expiry is withdrawn: the service renews again as its renewal mode says (automatic or manual).'));
      action = t('Keep Renewing');
      break;
  }
  if (!single && targets.length > 0) lines.push(t('Services: {0}', names(targets)));
  lines.push(...inFlightLines(change, inFlight, t));
  if (skipped.length > 0) {
    lines.push(t('Left unchanged:'));
    for (const { target, reason } of skipped) lines.push(`• ${target.displayName}: ${skipText(reason, t, target, locale)}`);
  }
  return { message, detail: lines.join('\n\n'), action };
}

/** One line per service for the result dialog. */
export function outcomeLine(result: ServiceOutcome, t: Translate): string {
  switch (result.outcome) {
    case 'changed':
      return t('✓ {0}: changed', result.displayName);
    case 'notApplied':
      return t('✗ {0}: OVHcloud answered, but still shows the previous renewal: change it in the OVHcloud Control Panel', result.displayName);
    case 'unconfirmed':
      // No answer is not "sent": it may never have reached OVH. Sending a setting twice does no harm.
      return result.detail
        ? t(
            '? {0}: OVHcloud did not answer ({1}) and does not show the change: it may not have been made. Refresh in a moment; if it still does not show, try again (sending it twice does no harm)',
            result.displayName,
            result.detail,
          )
        : t('? {0}: OVHcloud accepted the change, but the service could not be read back; refresh later to check', result.displayName);
    case 'refused':
      return t('✗ {0}: refused by OVHcloud: {1}', result.displayName, result.detail ?? '');
    case 'skipped':
      return t('– {0}: left unchanged, {1}', result.displayName, result.detail ?? '');
    case 'failed':
      return t('✗ {0}: not changed: {1}', result.displayName, result.detail ?? '');
  }
}
