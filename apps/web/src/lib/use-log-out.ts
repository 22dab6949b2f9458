import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths';
import { useApi } from './use-api';

/** Ends the session on the server and here, forgets every cached response, goes to log-in. */
export function useLogOut() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.logOut(),
    onSettled: () => {
      queryClient.clear();
      void navigate(paths.logIn, { replace: true });
    },
  });
}
