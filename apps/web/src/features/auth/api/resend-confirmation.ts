import type { ApiClient } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

/** The API mails at most one link a minute per address; the button rests as long. */
export const RESEND_COOLDOWN_MS = 60_000;

/** 202 whether or not the address exists or awaits confirmation: the answer reveals nothing. */
export async function resendConfirmation(client: ApiClient, email: string): Promise<void> {
  const { error, response } = await client.POST('/api/v1/auth/resend-confirmation', {
    body: { email },
  });
  if (!response.ok) throw toApiError(error, response);
}

/**
 * Resends the confirmation link. After a click the action rests for RESEND_COOLDOWN_MS; a failed
 * call (network, validation) frees it again at once so the user can correct and retry.
 */
export function useResendConfirmation() {
  const api = useApi();
  const mutation = useMutation({
    mutationFn: (email: string) => resendConfirmation(api.client, email),
  });
  const [coolingDown, setCoolingDown] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const resend = (email: string, options?: { onError?: (error: unknown) => void }) => {
    if (coolingDown || mutation.isPending) return;
    setCoolingDown(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCoolingDown(false), RESEND_COOLDOWN_MS);
    mutation.mutate(email, {
      onError: (error) => {
        clearTimeout(timer.current);
        setCoolingDown(false);
        options?.onError?.(error);
      },
    });
  };

  return {
    resend,
    /** True while the request runs and for the rest of the cooldown. */
    isDisabled: coolingDown || mutation.isPending,
    isPending: mutation.isPending,
    /** The address of the last successful resend. */
    sentTo: mutation.isSuccess ? mutation.variables : null,
    error: mutation.error,
    reset: mutation.reset,
  };
}
